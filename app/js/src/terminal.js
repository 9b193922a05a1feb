// The terminal's screen: xterm.js and its fit add-on, loaded on demand by
// app/src/components/terminal/bridge.rs (dynamic import of the bundle app/js/build.mjs makes).
// Everything the prompt does (line editing, history, completion, the session) is Rust; this
// module only draws text and hands the keys typed back as xterm's data strings.
import {Terminal} from '@xterm/xterm';
import {FitAddon} from '@xterm/addon-fit';
import css from '@xterm/xterm/css/xterm.css';

const STYLE_ID = 'xterm-css';

const THEMES = {
  light: {background: '#fbfbfd', foreground: '#1d2330', cursor: '#1d2330', selectionBackground: '#b9d4ff'},
  dark: {background: '#11151c', foreground: '#dfe4ee', cursor: '#dfe4ee', selectionBackground: '#3a4f73'},
};

class Screen {
  constructor(parent, onData, dark, label) {
    if (!document.getElementById(STYLE_ID)) {
      const style = document.createElement('style');
      style.id = STYLE_ID;
      style.textContent = css;
      document.head.append(style);
    }
    this.term = new Terminal({
      convertEol: false,
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: dark ? THEMES.dark : THEMES.light,
      screenReaderMode: false,
    });
    this.fitter = new FitAddon();
    this.term.loadAddon(this.fitter);
    this.term.open(parent);
    if (this.term.textarea) this.term.textarea.setAttribute('aria-label', label);
    this.sub = this.term.onData((d) => onData(d));
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(parent);
    this.fit();
    // For the end-to-end checks: the whole buffer, not only the rows in view.
    parent.xtermScreen = this;
  }
  write(text) { this.term.write(text); }
  clear() { this.term.clear(); }
  reset() { this.term.reset(); }
  focus() { this.term.focus(); }
  cols() { return this.term.cols; }
  fit() {
    try { this.fitter.fit(); } catch { /* not laid out yet */ }
  }
  setDark(dark) { this.term.options.theme = dark ? THEMES.dark : THEMES.light; }
  setLabel(label) { if (this.term.textarea) this.term.textarea.setAttribute('aria-label', label); }
  // The text on screen, one string per line (for tests and for copying).
  lines() {
    const b = this.term.buffer.active;
    const out = [];
    for (let i = 0; i < b.length; i++) out.push(b.getLine(i)?.translateToString(true) ?? '');
    return out;
  }
  // The line the cursor is on.
  cursorLine() {
    const b = this.term.buffer.active;
    return b.getLine(b.baseY + b.cursorY)?.translateToString(true) ?? '';
  }
  dispose() {
    this.observer.disconnect();
    this.sub.dispose();
    this.term.dispose();
  }
}

export function open(parent, onData, dark, label) {
  return new Screen(parent, onData, dark, label);
}
