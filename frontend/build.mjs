// Builds ../static/css/application.css and copies the vendored scripts and
// assets. The output is committed: run this only when a version or the Sass changes.
import * as sass from "sass";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";

const out = new URL("../static/", import.meta.url).pathname;
const result = sass.compile("scss/application.scss", {
  loadPaths: ["."],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
  logger: { warn() {} },
});
mkdirSync(`${out}css`, { recursive: true });
writeFileSync(`${out}css/application.css`, result.css);

const copy = (from, to) => {
  mkdirSync(`${out}${to}`.replace(/\/[^/]+$/, ""), { recursive: true });
  cpSync(from, `${out}${to}`, { recursive: true });
};
// The source maps go too: collectstatic's manifest storage follows sourceMappingURL.
for (const ext of ["", ".map"]) {
  copy(`node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js${ext}`, `vendor/govuk-frontend/govuk-frontend.min.js${ext}`);
  copy(`node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js${ext}`, `vendor/moj-frontend/moj-frontend.min.js${ext}`);
}
// The images the stylesheet refers to (relative to static/css/).
for (const url of result.css.matchAll(/url\("?\.\.\/vendor\/assets\/images\/([\w.-]+)"?\)/g)) {
  const name = url[1];
  const from = existsSync(`node_modules/@ministryofjustice/frontend/moj/assets/images/${name}`)
    ? `node_modules/@ministryofjustice/frontend/moj/assets/images/${name}`
    : `node_modules/govuk-frontend/dist/govuk/assets/images/${name}`;
  copy(from, `vendor/assets/images/${name}`);
}
copy("node_modules/htmx.org/dist/htmx.min.js", "vendor/htmx/htmx.min.js");
copy("node_modules/axe-core/axe.min.js", "../tests/e2e/vendor/axe.min.js");
console.log("built static/css/application.css and vendored scripts");
