// esbuild bundles these files as their text (build.mjs: loader "text").
declare module "*.toml" {
  const text: string;
  export default text;
}
