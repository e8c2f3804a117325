// What the Pulumi CLI starts for `pulumi package add <this package>`: its Node.js language host
// runs `@pulumi/pulumi/cmd/run-plugin <package directory> <engine>`, which `require`s the
// directory, that is package.json `main`, this file. It runs the component provider
// (src/provider/main.ts) from the build in dist/, which `npm install` makes (`prepare`); in a
// checkout whose sources changed since, from the TypeScript sources through tsx.
// Library users never load this file: `import "pulumi-landing-zone"` resolves through `exports`.
"use strict";
require("../build-state.cjs").runBuildOrSources("dist/src/provider/main.js", "src/provider/main.ts", "serving the component package");
