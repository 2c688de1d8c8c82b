// "No hard-coded user-visible string": an ESLint rule that flags string and template literals
// in the places a user reads them unless they go through l10n.t (vscode.l10n.t in adapters,
// @vscode/l10n's l10n.t in the vscode-free layers; see docs/ARCHITECTURE.md, "Translatable text").
//
// It looks only where text reaches a user, so ids, command ids, CSS classes, log lines and
// codicons are left alone:
//   - arguments of calls such as window.show{Information,Warning,Error}Message, the Prompter's
//     notify, setStatusBarMessage, MarkdownString's appendMarkdown/appendText, and in webview
//     page code h(tag, attrs, …children) / button(label);
//   - constructor arguments: new Error(message), new ClnError(kind, message), new TreeItem(label),
//     new MarkdownString(text) …;
//   - object-literal properties and member assignments named label, description, detail, tooltip,
//     title, placeHolder, prompt, message, text, validationMessage … (TreeItem.label = …,
//     quickPick.placeholder = …, { title: … } for withProgress and the Prompter);
//   - what a validateInput function returns.
// In those places it descends through ?:, ??, ||, +, arrays and template expressions, and stops
// at any call (l10n.t(…) or a helper that translates itself). A literal counts as text when,
// without its codicons ($(copy)) and placeholders ({0}), it still has a letter and is not an id
// (cln.refresh, a/b/c, http…). It also flags l10n.t whose message is not a plain literal: the
// message is the key translators translate, so it may not be built at run time.
// `eslint-disable-next-line l10n/no-hardcoded-text -- why` marks the rare deliberate exception.

/** Calls whose arguments from `from` on (or at `args`) are shown to the user, by the callee's (property) name. */
export const CALLS = {
  showInformationMessage: { from: 0 },
  showWarningMessage: { from: 0 },
  showErrorMessage: { from: 0 },
  showQuickPick: { args: [0] },
  setStatusBarMessage: { args: [0] },
  appendMarkdown: { args: [0] },
  appendText: { args: [0] },
  notify: { from: 1 }, // Prompter.notify(level, message, ...actions)
  // The commands' helpers (src/commands/common): tell(context, level, message), stop(context, message), withProgress(title, task).
  tell: { args: [2] },
  stop: { args: [1] },
  withProgress: { args: [0] },
  createWebviewPanel: { args: [1] },
};
/** Calls in webview page code (src/ui/page and each feature's page folder): the element builders of src/ui/page/dom.ts. */
export const PAGE_CALLS = { h: { from: 2 }, svg: { from: 2 }, button: { args: [0] } };
/** Constructors whose arguments at these positions are shown to the user. */
export const CONSTRUCTORS = {
  Error: [0], // TypeError / RangeError are left out: they name a programming error, not something a user did
  ClnError: [1],
  ClnAuthError: [0],
  ClnValidationError: [1],
  TreeItem: [0],
  MarkdownString: [0],
  ThemeIcon: [],
};
/** Property names (object literals and member assignments) whose values are shown to the user. */
export const PROPERTIES = [
  'label',
  'description',
  'detail',
  'tooltip',
  'title',
  'placeHolder',
  'placeholder',
  'prompt',
  'message',
  'text',
  'validationMessage',
  'openLabel',
  'saveLabel',
  'action',
  'empty',
  'loading',
  'contextualTitle',
  'warn',
  'marker',
  'evidence',
];
/** Properties holding [label, value] pairs (a tooltip's fields): the labels are shown. (Copy's `copyable` labels are English ids, translated by copyLabel.) */
export const PAIR_PROPERTIES = ['fields'];
/** Page code: attributes and DOM properties a user reads (or hears). */
export const PAGE_PROPERTIES = ['aria-label', 'title', 'alt', 'placeholder', 'textContent', 'innerText', 'label'];
/** Functions (by the property or variable that holds them) whose return value is shown. */
export const RETURNS_OF = ['validateInput', 'describe'];

const CODICON = /\$\([a-z0-9-]+(~spin)?\)/gi;
const PLACEHOLDER = /\{\d+\}|\{[A-Za-z_]\w*\}/g;
/** Ids, paths, dotted names, urls, css-ish tokens: no spaces and a separator between word characters. */
const ID_LIKE = /^(?:[A-Za-z0-9_$@-]+(?:[./:#][A-Za-z0-9_$@*-]+)+|https?:\/\/\S*|[a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]+[A-Z]\w*)$/;

/** True when the text would be read as words by a user (not an id, not codicons or punctuation alone). */
export function isText(value) {
  if (typeof value !== 'string') return false;
  const bare = value.replace(CODICON, '').replace(PLACEHOLDER, '').trim();
  if (!/\p{L}/u.test(bare)) return false;
  if (ID_LIKE.test(bare)) return false;
  return true;
}

const unwrap = (node) => {
  let n = node;
  while (n && (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSTypeAssertion' || n.type === 'ChainExpression')) n = n.expression;
  return n;
};

const propName = (key, computed) => {
  if (!key) return undefined;
  if (key.type === 'Identifier' && !computed) return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
};

const calleeName = (callee) => {
  const c = unwrap(callee);
  if (c?.type === 'Identifier') return c.name;
  if (c?.type === 'MemberExpression') return propName(c.property, c.computed);
  return undefined;
};

const isAsConst = (n) => n?.type === 'TSAsExpression' && n.typeAnnotation?.type === 'TSTypeReference' && n.typeAnnotation.typeName?.name === 'const';
/** `'replace' as const`, `{ empty: ['info', …] } as const`: a discriminant or a table of ids, not text. */
const inAsConst = (node) => {
  for (let n = node; n; n = n.parent) {
    if (isAsConst(n)) return true;
    if (!['Literal', 'TemplateLiteral', 'Property', 'ObjectExpression', 'ArrayExpression', 'TSAsExpression', 'ConditionalExpression', 'LogicalExpression'].includes(n.type)) return false;
  }
  return false;
};

/** l10n.t(…), vscode.l10n.t(…), or t(…) imported from @vscode/l10n. */
const isTranslateCall = (node) => {
  const c = unwrap(node.callee);
  if (c?.type !== 'MemberExpression' || propName(c.property, c.computed) !== 't') return false;
  const obj = unwrap(c.object);
  return (obj.type === 'Identifier' && obj.name === 'l10n') || (obj.type === 'MemberExpression' && propName(obj.property, obj.computed) === 'l10n');
};

/** @type {import('eslint').Rule.RuleModule} */
const noHardcodedText = {
  meta: {
    type: 'problem',
    docs: { description: 'User-visible text goes through l10n.t (vscode.l10n.t in adapters, @vscode/l10n in vscode-free layers).' },
    schema: [{ type: 'object', properties: { page: { type: 'boolean' }, calls: { type: 'object' } }, additionalProperties: false }],
    messages: {
      literal: "User-visible text '{{text}}' ({{where}}) is hard-coded: wrap it in l10n.t('…') (vscode.l10n.t in adapters) with {0} placeholders, then `npm run l10n`.",
      pageLiteral: "Webview page text '{{text}}' ({{where}}) is hard-coded: the extension sends the page its strings (built with l10n.t), use those.",
      moduleLevel: "@vscode/l10n's l10n.t runs here when the module loads, before activation has configured the translations: move it into a function (or a getter) that runs when the text is shown.",
      dynamicKey: 'l10n.t needs a literal message (it is the key translators translate): use {0} placeholders and pass values as arguments, not a template or concatenation.',
    },
  },
  create(context) {
    const page = context.options[0]?.page === true;
    // Option `calls` adds a folder's own helpers, e.g. { problem: { args: [1] } } for the plan's sink.
    const calls = { ...(page ? PAGE_CALLS : CALLS), ...(context.options[0]?.calls ?? {}) };
    const properties = new Set(page ? PAGE_PROPERTIES : PROPERTIES);
    const messageId = page ? 'pageLiteral' : 'literal';

    const report = (node, text, where) => context.report({ node, messageId, data: { text: text.length > 60 ? `${text.slice(0, 57)}…` : text, where } });

    /** Reports the hard-coded text an expression in a user-visible place evaluates to. */
    const check = (expression, where) => {
      const node = unwrap(expression);
      if (!node) return;
      switch (node.type) {
        case 'Literal':
          if (isText(node.value) && !inAsConst(node)) report(node, node.value, where);
          return;
        case 'TemplateLiteral': {
          const quasis = node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('{0}');
          if (isText(quasis)) report(node, quasis, where);
          node.expressions.forEach((e) => check(e, where));
          return;
        }
        case 'ConditionalExpression':
          check(node.consequent, where);
          check(node.alternate, where);
          return;
        case 'LogicalExpression':
          check(node.left, where);
          check(node.right, where);
          return;
        case 'BinaryExpression':
          if (node.operator === '+') {
            check(node.left, where);
            check(node.right, where);
          }
          return;
        case 'ArrayExpression':
          node.elements.forEach((e) => e && e.type !== 'SpreadElement' && check(e, where));
          return;
        case 'SequenceExpression':
          check(node.expressions[node.expressions.length - 1], where);
          return;
        default:
          return; // calls (l10n.t or a helper), identifiers, members, objects (their properties are checked on their own)
      }
    };

    const checkArgs = (node, spec, name) => {
      node.arguments.forEach((arg, i) => {
        if (arg.type === 'SpreadElement') return;
        if (spec.from !== undefined ? i >= spec.from : spec.args.includes(i)) check(arg, `argument of ${name}`);
      });
    };

    const checkFunctionReturns = (fn, where) => {
      const f = unwrap(fn);
      if (!f || (f.type !== 'ArrowFunctionExpression' && f.type !== 'FunctionExpression')) return;
      if (f.body.type !== 'BlockStatement') {
        check(f.body, where);
        return;
      }
      // Return statements of this function only (not of nested functions).
      const visit = (n) => {
        if (!n || typeof n !== 'object') return;
        if (n.type === 'ReturnStatement') {
          if (n.argument) check(n.argument, where);
          return;
        }
        if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration') return;
        for (const [k, v] of Object.entries(n)) {
          if (k === 'parent') continue;
          if (Array.isArray(v)) v.forEach(visit);
          else if (v && typeof v.type === 'string') visit(v);
        }
      };
      f.body.body.forEach(visit);
    };

    return {
      CallExpression(node) {
        if (isTranslateCall(node)) {
          const first = unwrap(node.arguments[0]);
          const literal =
            first && ((first.type === 'Literal' && typeof first.value === 'string') || (first.type === 'TemplateLiteral' && first.expressions.length === 0) || first.type === 'ObjectExpression');
          if (!literal) context.report({ node, messageId: 'dynamicKey' });
          // @vscode/l10n (l10n.t) is configured in activate(), after modules load; vscode.l10n has its bundle before the module loads.
          const viaLibrary = unwrap(unwrap(node.callee).object)?.type === 'Identifier';
          let scope = node.parent;
          while (scope && !/Function|MethodDefinition|PropertyDefinition|StaticBlock/.test(scope.type)) scope = scope.parent;
          if (!scope && viaLibrary) context.report({ node, messageId: 'moduleLevel' });
          return;
        }
        const name = calleeName(node.callee);
        if (name && Object.hasOwn(calls, name)) checkArgs(node, calls[name], name);
      },
      NewExpression(node) {
        if (page) return;
        const name = calleeName(node.callee);
        if (name && Object.hasOwn(CONSTRUCTORS, name)) checkArgs(node, { args: CONSTRUCTORS[name] }, `new ${name}`);
      },
      Property(node) {
        if (node.parent?.type !== 'ObjectExpression') return;
        if (node.parent.parent?.type === 'CallExpression' && isTranslateCall(node.parent.parent)) return; // l10n.t({ message, comment })
        const name = propName(node.key, node.computed);
        if (!name) return;
        if (properties.has(name)) check(node.value, `property '${name}'`);
        if (!page && PAIR_PROPERTIES.includes(name)) {
          const list = unwrap(node.value);
          if (list?.type === 'ArrayExpression') for (const pair of list.elements) if (unwrap(pair)?.type === 'ArrayExpression') check(unwrap(pair).elements[0], `label in '${name}'`);
        }
        if (!page && RETURNS_OF.includes(name)) checkFunctionReturns(node.value, `returned by ${name}`);
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' && node.operator !== '??=' && node.operator !== '||=') return;
        const left = unwrap(node.left);
        if (left.type !== 'MemberExpression') return;
        const name = propName(left.property, left.computed);
        if (name && properties.has(name)) check(node.right, `assigned to .${name}`);
      },
      'MethodDefinition, PropertyDefinition'(node) {
        // class { validateInput = (v) => … } / validateInput(v) { … }
        const name = propName(node.key, node.computed);
        if (!page && name && RETURNS_OF.includes(name)) checkFunctionReturns(node.value, `returned by ${name}`);
      },
      VariableDeclarator(node) {
        if (!page && node.id.type === 'Identifier' && RETURNS_OF.includes(node.id.name)) checkFunctionReturns(node.init, `returned by ${node.id.name}`);
      },
    };
  },
};

export default { meta: { name: 'cln-l10n' }, rules: { 'no-hardcoded-text': noHardcodedText } };
