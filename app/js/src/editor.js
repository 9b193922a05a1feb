// Pod Playground's code editor: CodeMirror 6, configured for YAML manifests.
//
// Bundled offline by app/js/build.mjs into app/js/dist/editor.js (committed; `node app/js/build.mjs
// --check` fails when it is stale), copied beside index.html and imported on first use (a dynamic
// `import()`) by app/src/editor/bridge.rs, the only Rust code that talks to it; until then the app
// shows a static replica of the editor. This file knows nothing about Kubernetes: diagnostics, hover text and completions
// come from Rust, synchronously, through the callbacks given to `create`. Everything Rust sends is
// put in the page as text (textContent), never as HTML.

import {
  EditorView, keymap, lineNumbers, hoverTooltip, showTooltip, closeHoverTooltips, gutter, GutterMarker, Decoration, ViewPlugin,
  drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, runScopeHandlers,
} from '@codemirror/view';
import {EditorState, StateField, StateEffect, RangeSet, RangeSetBuilder, Compartment, Annotation, Prec} from '@codemirror/state';
import {history, historyKeymap, standardKeymap, indentMore, indentLess, toggleLineComment} from '@codemirror/commands';
import {StreamLanguage, syntaxHighlighting, bracketMatching, indentUnit, indentService} from '@codemirror/language';
import {classHighlighter} from '@lezer/highlight';
import {autocompletion} from '@codemirror/autocomplete';
import {search, searchKeymap} from '@codemirror/search';

// ---- YAML highlighting -------------------------------------------------------------------------
// A line-by-line tokenizer (CodeMirror's stream parser): keys, plain and quoted scalars (numbers,
// and YAML 1.1 booleans and nulls — `yes`, `on`, `~` — which Kubernetes' YAML reader resolves as
// such), comments, document markers, `- `, flow brackets, anchors, aliases, tags and block scalars.
// Highlighting only: core's YAML reader decides what the text means.

const BOOL_NULL = /^(?:[yY]|[yY]es|YES|[nN]|[nN]o|NO|[tT]rue|TRUE|[fF]alse|FALSE|[oO]n|ON|[oO]ff|OFF|[nN]ull|NULL|~)$/;
const NUMBER = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0b[01_]+|\.(?:inf|Inf|INF))$|^\.(?:nan|NaN|NAN)$/;
const FLOW = /[,[\]{}]/;
const SPACE = /\s/;

// Ends a plain scalar at `: `, ` #`, or (inside brackets) a flow indicator; returns its end.
function plainEnd(s, from, flow) {
  let end = from;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    const next = s[i + 1];
    if (c === ':' && (next === undefined || SPACE.test(next) || (flow && FLOW.test(next)))) break;
    if (c === '#' && i > from && SPACE.test(s[i - 1])) break;
    if (flow && FLOW.test(c)) break;
    if (!SPACE.test(c)) end = i + 1;
  }
  return Math.max(end, from + 1);
}

const yamlLanguage = StreamLanguage.define({
  name: 'yaml',
  startState: () => ({flow: 0, block: -1, value: false}),
  token(stream, state) {
    if (stream.sol()) {
      state.value = false;
      if (state.block >= 0) {
        if (stream.match(/^\s*$/)) return null;
        if (stream.indentation() > state.block) { stream.skipToEnd(); return 'string'; }
        state.block = -1;
      }
      if (state.flow === 0 && stream.match(/^(?:---|\.\.\.)(?=\s|$)/)) return 'meta';
    }
    if (stream.eatSpace()) return null;
    const s = stream.string;
    const ch = s[stream.pos];
    const flow = state.flow > 0;
    if (ch === '#' && (stream.pos === 0 || SPACE.test(s[stream.pos - 1]))) { stream.skipToEnd(); return 'comment'; }
    if (!flow && !state.value && stream.match(/^-(?=\s|$)/)) return 'meta';
    if (ch === '[' || ch === '{') { stream.next(); state.flow++; state.value = false; return 'meta'; }
    if (flow && (ch === ']' || ch === '}')) { stream.next(); state.flow--; return 'meta'; }
    if (flow && ch === ',') { stream.next(); state.value = false; return 'meta'; }
    if (ch === ':' && (stream.pos + 1 >= s.length || SPACE.test(s[stream.pos + 1]) || flow)) {
      stream.next(); state.value = true; return 'meta';
    }
    if (stream.match(/^[&*][^\s,[\]{}]+/)) return 'variable';
    if (stream.match(/^![^\s,[\]{}]*/)) return 'type';
    if (state.value && !flow && stream.match(/^[|>][-+0-9]*(?=\s|$)/)) { state.block = stream.indentation(); return 'meta'; }
    let word;
    if (ch === '"' || ch === "'") {
      stream.next();
      stream.match(ch === '"' ? /^(?:[^"\\]|\\.)*"?/ : /^(?:[^']|'')*'?/);
      word = null;
    } else {
      const start = stream.pos;
      stream.pos = plainEnd(s, start, flow);
      word = s.slice(start, stream.pos);
    }
    if (!state.value && /^\s*:(?:\s|$)/.test(s.slice(stream.pos)) || (flow && !state.value && /^\s*:/.test(s.slice(stream.pos)))) return 'atom';
    if (word === null) return 'string';
    return BOOL_NULL.test(word) ? 'keyword' : NUMBER.test(word) ? 'number' : 'string';
  },
  languageData: {commentTokens: {line: '#'}},
});

// ---- Diagnostics: underlines and gutter markers ------------------------------------------------

const setDiagnostics = StateEffect.define();
const SEVERITY = ['error', 'warning'];

class DiagnosticMarker extends GutterMarker {
  constructor(severity) { super(); this.severity = severity; }
  eq(other) { return other.severity === this.severity; }
  toDOM() {
    const span = document.createElement('span');
    span.className = 'cm-diag-marker cm-diag-marker-' + SEVERITY[this.severity];
    span.textContent = this.severity ? '▲' : '●';
    return span;
  }
}
const gutterMarkers = [new DiagnosticMarker(0), new DiagnosticMarker(1)];
const spacer = new (class extends GutterMarker {
  toDOM() { const s = document.createElement('span'); s.textContent = '●'; return s; }
})();
const underlines = SEVERITY.map((s) => Decoration.mark({class: 'cm-diag cm-diag-' + s}));

// `flat` is [from, to, severity, from, to, severity, …] in UTF-16 offsets of `doc`.
function diagnosticSets(doc, flat) {
  const marks = [];
  const lines = new Map(); // line start → most severe (lowest) severity
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const severity = flat[i + 2] ? 1 : 0;
    const from = Math.max(0, Math.min(flat[i], doc.length));
    const to = Math.max(from, Math.min(flat[i + 1], doc.length));
    if (to > from) marks.push(underlines[severity].range(from, to));
    const start = doc.lineAt(from).from;
    lines.set(start, Math.min(lines.has(start) ? lines.get(start) : 1, severity));
  }
  const gutterRanges = [...lines].map(([pos, s]) => gutterMarkers[s].range(pos));
  return {deco: Decoration.set(marks, true), gutter: RangeSet.of(gutterRanges, true)};
}

const diagnosticField = StateField.define({
  create: () => ({deco: Decoration.none, gutter: RangeSet.empty}),
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setDiagnostics)) return e.value;
    if (!tr.docChanged) return value;
    return {deco: value.deco.map(tr.changes), gutter: value.gutter.map(tr.changes)};
  },
  provide: (field) => EditorView.decorations.from(field, (v) => v.deco),
});

const diagnosticGutter = gutter({
  class: 'cm-diag-gutter',
  markers: (view) => view.state.field(diagnosticField).gutter,
  initialSpacer: () => spacer,
});

// ---- Indentation guides: a thin line every two columns of leading spaces -----------------------

const guideMark = Decoration.mark({class: 'cm-indent-guide'});

function guides(view) {
  const builder = new RangeSetBuilder();
  for (const {from, to} of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      let n = 0;
      while (n < line.length && line.text.charCodeAt(n) === 32) n++;
      if (n >= 2 && n < line.length) builder.add(line.from, line.from + n, guideMark);
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

const indentGuides = ViewPlugin.fromClass(class {
  constructor(view) { this.decorations = guides(view); }
  update(u) { if (u.docChanged || u.viewportChanged) this.decorations = guides(u.view); }
}, {decorations: (v) => v.decorations});

// ---- YAML indentation: keep the line's indent, step in after `key:` and under `- ` -------------

const yamlIndent = indentService.of((cx, pos) => {
  const line = cx.state.doc.lineAt(pos);
  const before = line.text.slice(0, pos - line.from).replace(/\s+#.*$|\s+$/, '');
  const item = /^( *)((?:- +)+)/.exec(before);
  let indent = item ? item[1].length + item[2].length : /^ */.exec(before)[0].length;
  if (/:$|:\s*[|>][-+0-9]*$/.test(before)) indent = (item ? item[1].length + item[2].length : indent) + 2;
  else if (/^ *- *$/.test(before)) indent = before.length + 1;
  return indent;
});

// ---- Hover and completion from Rust ------------------------------------------------------------

// `result` is [from, to, class, text, class, text, …]; each (class, text) becomes one block.
function hoverDom(result) {
  const dom = document.createElement('div');
  dom.className = 'cm-pp-hover';
  for (let i = 2; i + 1 < result.length; i += 2) {
    const block = document.createElement('div');
    block.className = result[i];
    // Explanations and fixes mark names and values with backticks: shown as code.
    if (/hover-(explanation|fix)/.test(result[i])) {
      result[i + 1].split('`').forEach((part, k) => {
        if (k % 2) {
          const code = document.createElement('code');
          code.textContent = part;
          block.appendChild(code);
        } else if (part) block.appendChild(document.createTextNode(part));
      });
    } else block.textContent = result[i + 1];
    dom.appendChild(block);
  }
  return dom;
}

// The tooltip for a hover `result`, or null when there is nothing to show.
function hoverTip(view, result) {
  if (!result || result.length < 4) return null;
  const len = view.state.doc.length;
  const from = Math.min(result[0], len);
  return {pos: from, end: Math.max(from, Math.min(result[1], len)), above: true,
    create: () => ({dom: hoverDom(result)})};
}

function hoverFrom(source) {
  return hoverTooltip((view, pos, side) => {
    // One card at a time: none from the mouse while the keyboard's is open.
    if (view.state.field(keyboardField, false)) return null;
    const at = side < 0 && pos > 0 ? pos - 1 : pos;
    return hoverTip(view, source(at, view.state.doc.toString()));
  }, {hideOnChange: true});
}

// The same card from the keyboard: Mod-I shows what hovering the cursor's position would show
// (the word just before the cursor when nothing starts at it), and `announce` reads it to screen
// readers; Escape, an edit or moving the cursor closes it.
const keyboardTip = StateEffect.define();

const keyboardField = StateField.define({
  create: () => null,
  update(tip, tr) {
    for (const e of tr.effects) if (e.is(keyboardTip)) return e.value;
    return tip && (tr.docChanged || tr.selection) ? null : tip;
  },
  provide: (f) => showTooltip.from(f),
});

function keyboardHover(source, announce) {
  const open = (view) => {
    const pos = view.state.selection.main.head;
    const text = view.state.doc.toString();
    let result = source(pos, text);
    if ((!result || result.length < 4) && pos > 0) result = source(pos - 1, text);
    const hover = hoverTip(view, result);
    // The card inside a frame, as a mouse hover shows it.
    const tip = hover && {...hover, create: () => {
      const dom = document.createElement('div');
      dom.className = 'cm-tooltip-hover cm-pp-keyboard';
      dom.appendChild(hover.create().dom);
      return {dom};
    }};
    // One card at a time: a mouse hover card still open is closed.
    view.dispatch({effects: [keyboardTip.of(tip), closeHoverTooltips]});
    const said = [];
    for (let i = 3; tip && i < result.length; i += 2) said.push(result[i]);
    announce(said.join('\n'), !tip);
    return true;
  };
  const close = (view) => {
    if (!view.state.field(keyboardField)) return false;
    view.dispatch({effects: keyboardTip.of(null)});
    return true;
  };
  return [keyboardField, Prec.high(keymap.of([{key: 'Mod-i', run: open}, {key: 'Escape', run: close}]))];
}

// `result` is [from, to, label, apply, detail, info, type, label, apply, …].
function completionFrom(source) {
  return (ctx) => {
    const result = source(ctx.pos, ctx.explicit, ctx.state.doc.toString());
    if (!result || result.length < 7) return null;
    const options = [];
    for (let i = 2; i + 4 < result.length; i += 5) {
      options.push({label: result[i], apply: result[i + 1], detail: result[i + 2] || undefined,
        info: result[i + 3] || undefined, type: result[i + 4]});
    }
    return {from: result[0], to: result[1], options};
  };
}

// ---- The editor --------------------------------------------------------------------------------

const external = Annotation.define();

function pairs(flat) {
  const phrases = {};
  for (let i = 0; i + 1 < flat.length; i += 2) phrases[flat[i]] = flat[i + 1];
  return phrases;
}

function localized(label, phrases) {
  return [
    EditorState.phrases.of(pairs(phrases)),
    EditorView.contentAttributes.of({'aria-label': label}),
  ];
}

class Editor {
  constructor(parent, text, label, phrases, onChange, hover, complete) {
    // The three callbacks are Rust closures that the Rust side frees when it drops the editor
    // (after destroy()), and that must not run inside themselves (an edit whose handler unmounts
    // the editor makes CodeMirror flush again from destroy()). After destroy() they are no longer
    // called; a call made while one is running waits for the next microtask.
    this.live = true;
    let running = false;
    const guard = (f, none) => {
      const g = (...args) => {
        if (!this.live) return none;
        if (running) { queueMicrotask(() => g(...args)); return none; }
        running = true;
        try { return f(...args); } finally { running = false; }
      };
      return g;
    };
    onChange = guard(onChange, undefined);
    hover = guard(hover, null);
    complete = guard(complete, null);
    this.lang = new Compartment();
    this.phrases = pairs(phrases);
    // Where the keyboard hover card is read out (visually hidden, polite).
    const live = document.createElement('div');
    live.className = 'cm-pp-live visually-hidden';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    parent.appendChild(live);
    const announce = (text, nothing) => {
      live.textContent = nothing ? (this.phrases['Nothing to explain here'] || 'Nothing to explain here') : text;
    };
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          diagnosticGutter,
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          EditorState.allowMultipleSelections.of(false),
          EditorState.tabSize.of(2),
          indentUnit.of('  '),
          yamlLanguage,
          yamlIndent,
          syntaxHighlighting(classHighlighter),
          bracketMatching(),
          indentGuides,
          highlightActiveLine(),
          search({top: true}),
          autocompletion({override: [completionFrom(complete)], icons: false}),
          hoverFrom(hover),
          keyboardHover(hover, announce),
          diagnosticField,
          keymap.of([
            {key: 'Tab', run: indentMore, shift: indentLess},
            {key: 'Mod-/', run: toggleLineComment},
            ...standardKeymap,
            ...historyKeymap,
            ...searchKeymap,
          ]),
          EditorView.contentAttributes.of({spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off',
            'aria-describedby': 'source-hint'}),
          this.lang.of(localized(label, phrases)),
          // Only says that the text changed: Rust reads it when it needs it, so a keystroke costs
          // the same whatever the size of the text.
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((t) => t.annotation(external))) {
              onChange();
            }
          }),
        ],
      }),
    });
  }

  // Replaces the text with `text`, changing only the part that differs so that the cursor and
  // scroll position stay where they were. Returns whether anything changed. Undoable.
  setText(text) {
    const doc = this.view.state.doc;
    const old = doc.toString();
    if (old === text) return false;
    let start = 0;
    const max = Math.min(old.length, text.length);
    while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let end = 0;
    while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
    this.view.dispatch({
      changes: {from: start, to: old.length - end, insert: text.slice(start, text.length - end)},
      annotations: external.of(true),
    });
    return true;
  }

  // Shows diagnostics of the current text.
  setDiagnostics(flat) {
    this.view.dispatch({effects: setDiagnostics.of(diagnosticSets(this.view.state.doc, flat))});
  }

  // Selects from..to and scrolls it into the middle of the view; focuses the editor if asked.
  select(from, to, focus) {
    const len = this.view.state.doc.length;
    const anchor = Math.min(from, len);
    const head = Math.max(anchor, Math.min(to, len));
    this.view.dispatch({
      selection: {anchor, head},
      effects: EditorView.scrollIntoView(anchor, {y: 'center'}),
    });
    if (focus) this.view.focus();
  }

  // Replaces from..to as if the user had typed `insert` there (for quick fixes and automation).
  input(from, to, insert) {
    const len = this.view.state.doc.length;
    const a = Math.min(from, len);
    this.view.dispatch({
      changes: {from: a, to: Math.max(a, Math.min(to, len)), insert},
      selection: {anchor: a + insert.length},
      userEvent: 'input.type',
    });
  }

  setLang(label, phrases) {
    this.phrases = pairs(phrases);
    this.view.dispatch({effects: this.lang.reconfigure(localized(label, phrases))});
  }

  // Takes over from the replica the app showed before this view existed: its scroll position,
  // and the caret where the pointer pressed (x, y: client coordinates; NaN for none).
  resume(top, left, x, y) {
    this.view.scrollDOM.scrollTop = top;
    this.view.scrollDOM.scrollLeft = left;
    if (Number.isNaN(x) || Number.isNaN(y)) return;
    const pos = this.view.posAtCoords({x, y});
    if (pos != null) this.view.dispatch({selection: {anchor: pos}});
  }

  // Replays what was typed on the replica while this bundle loaded, as (modifiers, key) pairs:
  // modifiers are the letters c s a m (Ctrl, Shift, Alt, Meta), or "p" for pasted text. A
  // character typed without Ctrl, Alt or Meta is inserted as typing would; other keys run the
  // editor's key bindings (Enter, Backspace, Tab, arrows, Ctrl-A, Ctrl-Z…).
  replay(flat) {
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [mods, key] = [flat[i], flat[i + 1]];
      const has = (m) => mods.includes(m);
      if (mods === 'p' || ([...key].length === 1 && !has('c') && !has('a') && !has('m'))) {
        const {state} = this.view;
        this.view.dispatch(state.update(state.replaceSelection(key),
          {scrollIntoView: true, userEvent: mods === 'p' ? 'input.paste' : 'input.type'}));
        continue;
      }
      runScopeHandlers(this.view, new KeyboardEvent('keydown', {key, ctrlKey: has('c'), shiftKey: has('s'),
        altKey: has('a'), metaKey: has('m'), bubbles: true, cancelable: true}), 'editor');
    }
  }

  text() { return this.view.state.doc.toString(); }
  setCursor(pos) { this.view.dispatch({selection: {anchor: Math.min(pos, this.view.state.doc.length)}}); }
  selection() { const r = this.view.state.selection.main; return [r.anchor, r.head]; }
  focus() { this.view.focus(); }
  destroy() { this.live = false; this.view.destroy(); }
}

export function create(parent, text, label, phrases, onChange, hover, complete) {
  return new Editor(parent, text, label, phrases, onChange, hover, complete);
}

// The editor whose view is inside `dom` (for tests and automation), or undefined.
export function find(dom) {
  const view = EditorView.findFromDOM(dom.querySelector('.cm-editor') || dom);
  if (!view) return undefined;
  const handle = Object.create(Editor.prototype);
  handle.view = view;
  return handle;
}
