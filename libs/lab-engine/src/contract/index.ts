// What the live view's page shares with the engine: the LiveLab contract's data and the path labels.
// A separate entry point because the page is bundled for the browser: nothing here may pull in Node
// code (the main entry does: processes, sockets, helm).
export type * from '../live/live-lab';
export { type LabPath, PATH_LABEL } from '../paths/lab-path';
