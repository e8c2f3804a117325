// Rewrites test/docs/readme-blocks/ from the TypeScript blocks of README.md and docs/*.md:
// `npm run docs:blocks`. tsc type-checks the directory; test/docs/readme-blocks.test.ts fails
// when it and the markdown differ.
import { BLOCK_DIR, writeBlockModules } from "../test/docs/blocks";

const files = writeBlockModules();
console.log(`wrote ${files.length} block modules to ${BLOCK_DIR}`);
