// esbuild bundles the stylesheets that main.ts imports into main.css; to TypeScript they are opaque.
declare module '*.css';
