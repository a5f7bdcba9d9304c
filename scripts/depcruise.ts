// `npm run depcruise`: checks the architecture rules in .dependency-cruiser.cjs.
//
// dependency-cruiser 18's command line refuses to start on Node 20 (its engines field says
// ^22), but its API runs fine on 20, so this calls the API with the same config the CLI would
// read. On Node 22+ `npx depcruise --config .dependency-cruiser.cjs .` gives the same answer.
// Args: paths to cruise (default: the whole repo); `--long` prints each rule's comment too.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, format, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const args = process.argv.slice(2);
const long = args.includes("--long");
const targets = args.filter((arg) => !arg.startsWith("--"));

const options = await extractDepcruiseOptions(path.join(root, ".dependency-cruiser.cjs"));
const tsConfigFile = options.tsConfig?.fileName;
const tsConfig: unknown = tsConfigFile ? extractTSConfig(tsConfigFile) : undefined;

const started = Date.now();
const cruised = await cruise(targets.length > 0 ? targets : ["."], { ...options, validate: true }, {}, { tsConfig });
const result = cruised.output as ICruiseResult;
const report = await format(result, { outputType: long ? "err-long" : "err" });
const text = typeof report.output === "string" ? report.output.trim() : "";
if (text) process.stdout.write(`${text}\n`);
process.stdout.write(`depcruise: ${result.summary.totalCruised} modules in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(report.exitCode > 0 ? 1 : 0);
