// ESLint 9 flat config with type information (typescript-eslint's project service reads
// tsconfig.json, so every .ts/.tsx file is linted with the same types `tsc` sees).
// Boundaries between lib/, app/, workers/, sandbox/ are checked by dependency-cruiser
// (.dependency-cruiser.cjs), not here.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const unusedVars = {
  args: "after-used",
  argsIgnorePattern: "^_",
  varsIgnorePattern: "^_",
  caughtErrorsIgnorePattern: "^_",
  destructuredArrayIgnorePattern: "^_",
  ignoreRestSiblings: true,
};

export default tseslint.config(
  {
    ignores: [
      "lib/db/generated/**",
      ".next/**",
      ".hangar/**",
      "node_modules/**",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Un-awaited promises lose errors and ordering; `void promise` says "on purpose".
      "@typescript-eslint/no-floating-promises": "error",
      // async handlers passed where a void callback is expected (event emitters, setTimeout) drop
      // rejections; JSX attributes are exempt because React event handlers are fire-and-forget.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports", fixStyle: "separate-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", unusedVars],
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": "off",
      // An async function without await is how an interface's Promise-returning method is
      // implemented synchronously (and it still turns a throw into a rejection).
      "@typescript-eslint/require-await": "off",
      // The code base passes closures around (factories returning { get, log, ... }), which this
      // rule cannot tell apart from `this`-bound class methods once a type uses method syntax.
      "@typescript-eslint/unbound-method": "off",
      // One module, one job: a file past 300 lines of code is split (CONVENTIONS.md).
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Tests poke at SDK responses and matcher results (`expect.any()`, Object.fromEntries)
    // that are typed `any` by design.
    files: ["**/*.test.{ts,tsx}", "tests/**/*.ts", "e2e/**/*.ts", "sandbox/tests/**/*.ts", "lib/**/contract/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
  {
    // Next.js and React rules where React code lives.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ...nextPlugin.configs["core-web-vitals"],
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Plain JS config files are outside tsconfig.json: lint them without type information.
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
