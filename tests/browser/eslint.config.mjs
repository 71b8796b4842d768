// ESLint for the theme's scripts, keel serve's live-reload script and the browser tests.
//
// ESLint 9 lints only files under its base path, which is the directory of the config file, or
// the working directory when the config is given with --config. The theme's scripts are outside
// this directory, so `npm run lint` runs ESLint from the repository root with this config
// (`cd ../.. && eslint --config tests/browser/eslint.config.mjs …`); the patterns below are
// relative to the repository root. A plain `npx eslint` here lints only this directory's files.
import js from "@eslint/js";
import globals from "globals";

const style = {
  "no-var": "error",
  "prefer-const": "error",
  "max-len": ["error", { code: 100 }],
};

export default [
  {
    // Classic scripts, not modules: the theme's pages work from file:// too.
    files: ["themes/default/static/*.js", "src/serve/livereload.js"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: { ...js.configs.recommended.rules, ...style },
  },
  {
    // The tests run in Node; the callbacks they hand to page.evaluate run in the page.
    files: ["tests/browser/*.mjs", "*.mjs"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    rules: { ...js.configs.recommended.rules, ...style },
  },
];
