// The CLI's version: the package's, inlined by the bundler (cli/build.mjs) and read from
// package.json when run from source.
declare const __HANGAR_CLI_VERSION__: string | undefined;

export const CLI_VERSION: string = typeof __HANGAR_CLI_VERSION__ === "string" ? __HANGAR_CLI_VERSION__ : "0.0.0-dev";
