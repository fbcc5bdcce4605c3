// Imported first by main.ts: on Node ≥ 22.1 (the image's Node 24), V8's compiled code of every module
// loaded after this call is kept on disk and reused by the next client process, which the lab starts
// once per scenario and the helm test pod once per test. On older Node there is no such function.
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
