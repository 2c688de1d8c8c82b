// The project's import boundaries, as one ESLint rule that resolves each relative import
// against the importing file (so depth and sub-folders do not matter):
//   - vscode-free folders import only the vscode-free folders below them: src/cln (the API client)
//     itself; src/services the client; src/explorer both; src/sim (the simulator) the client;
//   - every other folder under src/ is a VS Code adapter (views, commands, webviews, status, ui,
//     and any folder added later, e.g. src/editors): it imports vscode-free folders, the shared
//     UI plumbing (src/ui) and its own folder, never another adapter nor the wiring (src/*.ts);
//   - webview client code (src/webviews/client) runs in the webview: it imports its own folder and
//     the few pure modules it shares with the extension, nothing else.
// `vscode` itself is kept out of the vscode-free folders by `no-restricted-imports` (eslint.config.mjs).
import path from 'node:path';

/** Each vscode-free folder and what it may import. */
export const LAYERS = { cln: ['cln'], services: ['cln', 'services'], explorer: ['cln', 'services', 'explorer'], sim: ['cln', 'sim'] };
export const VSCODE_FREE = Object.keys(LAYERS);
export const SHARED_UI = 'ui';
export const CLIENT = 'webviews/client';
/** What the webview client may import besides its own folder (pure data and protocol, no host code). */
export const CLIENT_MAY_IMPORT = ['webviews/pageStrings', 'webviews/awpData', 'webviews/awpProtocol', 'webviews/cleanupProtocol', 'services/cleanupFindings', 'cln/catalog', 'cln/types', 'cln/dates'];

const toPosix = (p) => p.split(path.sep).join('/');

/** @type {import('eslint').Rule.RuleModule} */
const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the layers of src/ apart (see docs/ARCHITECTURE.md).' },
    schema: [],
    messages: {
      vscodeFree: "src/{{from}} is vscode-free: it may import only {{allowed}}, not '{{spec}}' (src/{{to}}).",
      adapter: "src/{{from}} is a VS Code adapter: it may import vscode-free modules, src/ui and its own folder, not '{{spec}}' (src/{{to}}). Move what both need to src/ui or a vscode-free folder.",
      client: "Webview client code may import only its own folder and {{allowed}}, not '{{spec}}'.",
    },
  },
  create(context) {
    const filename = toPosix(path.resolve(context.filename ?? context.getFilename()));
    const srcRoot = toPosix(path.resolve(context.cwd ?? context.getCwd(), 'src'));
    if (!filename.startsWith(`${srcRoot}/`)) return {};
    const fromRel = filename.slice(srcRoot.length + 1);
    const fromTop = fromRel.includes('/') ? fromRel.split('/')[0] : '';
    if (fromTop === '') return {}; // extension.ts / api.ts: the wiring may import everything
    const inClient = fromRel.startsWith(`${CLIENT}/`);

    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = toPosix(path.resolve(path.dirname(filename), spec));
      if (!target.startsWith(`${srcRoot}/`)) return;
      const to = target.slice(srcRoot.length + 1).replace(/\.(ts|js|mjs)$/, '');
      const toTop = to.includes('/') ? to.split('/')[0] : '';
      const data = { from: fromRel, spec, to };
      if (inClient) {
        if (to.startsWith(`${CLIENT}/`) || CLIENT_MAY_IMPORT.includes(to)) return;
        context.report({ node, messageId: 'client', data: { ...data, allowed: CLIENT_MAY_IMPORT.map((m) => `src/${m}`).join(', ') } });
        return;
      }
      if (VSCODE_FREE.includes(fromTop)) {
        if (LAYERS[fromTop].includes(toTop)) return;
        context.report({ node, messageId: 'vscodeFree', data: { ...data, allowed: LAYERS[fromTop].map((f) => `src/${f}`).join(', ') } });
        return;
      }
      if (VSCODE_FREE.includes(toTop) || toTop === SHARED_UI || toTop === fromTop) return;
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
