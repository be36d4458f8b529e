// .css imports are turned into strings by build/css-string.mjs (rollup and web-test-runner).
declare module '*.css' {
  const css: string;
  export default css;
}
