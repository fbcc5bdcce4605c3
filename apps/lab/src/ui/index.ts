// The live view's public surface: the lab's main wires a LiveLab to it.
export { startUiServer, type UiServer } from './server';
