// The project's import boundaries (docs/ARCHITECTURE.md), as one ESLint rule that resolves each
// relative import against the importing file (so depth and sub-folders do not matter):
//   - the kernel's vscode-free folders import only the kernel folders below them: src/cln (the API
//     client) itself; src/services (the account services) the client; src/explorer (the explorer
//     model) both; src/sim (the simulator) the client;
//   - src/ui (the shared UI plumbing) imports the kernel and itself, never a feature;
//   - a feature (src/features/<name>/) keeps its VS Code-free core in core/: the core imports the
//     kernel's vscode-free folders and its own core, nothing of VS Code, nothing of its adapter;
//     the adapter (the other files of the feature) imports the kernel, src/ui and its own feature,
//     never another feature;
//   - webview page code (src/ui/page, src/features/<name>/page) runs in the webview: it imports the
//     page plumbing (src/ui/page), its own feature's page and core, and the few pure client modules
//     of CLIENT_MAY_IMPORT, nothing else;
//   - the files directly in src/features/ (the command table, the API) wire the features together,
//     and src/extension.ts wires everything;
//   - any other folder under src/ is an adapter by default: the kernel, src/ui and its own folder.
// `vscode` itself is kept out of the vscode-free places by `no-restricted-imports` (eslint.config.mjs).
import path from 'node:path';

/** Each vscode-free kernel folder and what it may import. */
export const LAYERS = { cln: ['cln'], services: ['cln', 'services'], explorer: ['cln', 'services', 'explorer'], sim: ['cln', 'sim'] };
export const VSCODE_FREE = Object.keys(LAYERS);
/** What a feature's core may import besides its own core. */
export const CORE_MAY_IMPORT = ['cln', 'services', 'explorer'];
export const SHARED_UI = 'ui';
export const FEATURES = 'features';
export const PAGE_PLUMBING = 'ui/page';
/** Globs (for eslint.config.mjs) of the vscode-free places and of the webview page code. */
export const VSCODE_FREE_GLOBS = [...VSCODE_FREE.map((f) => `src/${f}/**/*.ts`), `src/${FEATURES}/*/core/**/*.ts`];
export const PAGE_GLOBS = [`src/${PAGE_PLUMBING}/**/*.ts`, `src/${FEATURES}/*/page/**/*.ts`];
/** Pure modules outside a feature that page code may import. */
export const CLIENT_MAY_IMPORT = ['cln/catalog', 'cln/types', 'cln/dates', 'services/cleanupFindings'];

const toPosix = (p) => p.split(path.sep).join('/');

/** Where a path under src/ sits: its top folder, and for a feature its name and part (core, page, adapter). */
function placeOf(rel) {
  const parts = rel.split('/');
  const top = parts.length > 1 ? parts[0] : '';
  if (top === FEATURES) {
    if (parts.length === 2) return { top, wiring: true };
    const part = parts.length > 3 && (parts[2] === 'core' || parts[2] === 'page') ? parts[2] : 'adapter';
    return { top, feature: parts[1], part };
  }
  if (top === SHARED_UI && parts[1] === 'page' && parts.length > 2) return { top, page: true };
  return { top };
}

/** @type {import('eslint').Rule.RuleModule} */
const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the layers of src/ apart (see docs/ARCHITECTURE.md).' },
    schema: [],
    messages: {
      vscodeFree: "src/{{from}} is vscode-free: it may import only {{allowed}}, not '{{spec}}' (src/{{to}}).",
      core: "src/{{from}} is the VS Code-free core of feature '{{feature}}': it may import src/cln, src/services, src/explorer and its own core, not '{{spec}}' (src/{{to}}).",
      feature:
        "src/{{from}} is feature '{{feature}}': it may import the kernel (src/cln, src/services, src/explorer), src/ui and its own feature, not '{{spec}}' (src/{{to}}). Move what both need to the kernel or src/ui, or wire them in src/features/*.ts.",
      ui: "src/{{from}} is the shared UI plumbing: it may import the kernel and src/ui, never a feature ('{{spec}}', src/{{to}}).",
      adapter: "src/{{from}} is a VS Code adapter: it may import vscode-free modules, src/ui and its own folder, not '{{spec}}' (src/{{to}}). Move what both need to src/ui or a vscode-free folder.",
      client: "Webview page code may import only src/ui/page, its own feature's page and core, and {{allowed}}, not '{{spec}}'.",
    },
  },
  create(context) {
    const filename = toPosix(path.resolve(context.filename ?? context.getFilename()));
    const srcRoot = toPosix(path.resolve(context.cwd ?? context.getCwd(), 'src'));
    if (!filename.startsWith(`${srcRoot}/`)) return {};
    const fromRel = filename.slice(srcRoot.length + 1);
    const from = placeOf(fromRel);
    if (from.top === '' || from.wiring) return {}; // extension.ts and src/features/*.ts wire everything

    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = toPosix(path.resolve(path.dirname(filename), spec));
      if (!target.startsWith(`${srcRoot}/`)) return;
      const to = target.slice(srcRoot.length + 1).replace(/\.(ts|js|mjs)$/, '');
      const into = placeOf(to);
      const data = { from: fromRel, spec, to, feature: from.feature };
      const sameFeature = into.feature !== undefined && into.feature === from.feature;
      if (from.page || from.part === 'page') {
        if (into.page || (sameFeature && (into.part === 'page' || into.part === 'core')) || CLIENT_MAY_IMPORT.includes(to)) return;
        context.report({ node, messageId: 'client', data: { ...data, allowed: CLIENT_MAY_IMPORT.map((m) => `src/${m}`).join(', ') } });
        return;
      }
      if (VSCODE_FREE.includes(from.top)) {
        if (LAYERS[from.top].includes(into.top)) return;
        context.report({ node, messageId: 'vscodeFree', data: { ...data, allowed: LAYERS[from.top].map((f) => `src/${f}`).join(', ') } });
        return;
      }
      if (from.part === 'core') {
        if (CORE_MAY_IMPORT.includes(into.top) || (sameFeature && into.part === 'core')) return;
        context.report({ node, messageId: 'core', data });
        return;
      }
      const kernelOrUi = VSCODE_FREE.includes(into.top) || (into.top === SHARED_UI && !into.page);
      if (from.feature !== undefined) {
        if (kernelOrUi || (sameFeature && into.part !== 'page')) return;
        context.report({ node, messageId: 'feature', data });
        return;
      }
      if (from.top === SHARED_UI) {
        if (kernelOrUi) return;
        context.report({ node, messageId: 'ui', data });
        return;
      }
      if (kernelOrUi || into.top === from.top) return;
      context.report({ node, messageId: 'adapter', data });
    };

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      TSImportType: (node) => {
        const arg = node.argument?.literal ?? node.argument;
        if (arg?.type === 'Literal') check(node, arg.value);
      },
      TSExternalModuleReference: (node) => node.expression.type === 'Literal' && check(node, node.expression.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node, node.arguments[0].value);
      },
    };
  },
};

export default { meta: { name: 'cln-layers' }, rules: { boundaries } };
