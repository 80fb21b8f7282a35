import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { jinja2 } from '@codemirror/legacy-modes/mode/jinja2';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine, type DecorationSet } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { useEffect, useRef } from 'react';

export interface EditorError {
  line: number;
  column: number;
  message: string;
}

const setError = StateEffect.define<EditorError | null>();

/** The error's line gets a tinted background and the rest of it from the column a wavy underline. */
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setError)) continue;
      const err = e.value;
      if (!err || err.line < 1 || err.line > tr.state.doc.lines) return Decoration.none;
      const line = tr.state.doc.line(err.line);
      const from = Math.min(line.from + Math.max(0, err.column - 1), line.to);
      // Underline the token at the column: a run of braces/percent signs, or a word, else one character.
      const rest = line.text.slice(from - line.from);
      const run = /^[{}%#-]+|^\w+|^\S/.exec(rest)?.[0].length ?? 1;
      const to = Math.min(from + run, line.to);
      const marks = [Decoration.line({ class: 'cm-error-line', attributes: { title: err.message } }).range(line.from)];
      if (to > from) marks.push(Decoration.mark({ class: 'cm-error-mark', attributes: { title: err.message } }).range(from, to));
      deco = Decoration.set(marks, true);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.definitionKeyword], color: 'var(--cm-keyword)', fontWeight: '600' },
  { tag: [t.string, t.special(t.string)], color: 'var(--cm-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--cm-number)' },
  { tag: [t.operator], color: 'var(--cm-punct)' },
  { tag: [t.brace, t.bracket, t.punctuation, t.separator], color: 'var(--cm-punct)' },
  { tag: [t.variableName, t.propertyName], color: 'var(--cm-variable)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--cm-function)' },
  { tag: [t.comment, t.blockComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
  { tag: [t.typeName, t.tagName, t.meta, t.processingInstruction], color: 'var(--cm-meta)' },
]);

const theme = EditorView.theme({
  '&': { fontSize: '14px', backgroundColor: 'var(--cm-bg)', color: 'var(--cm-fg)', height: '100%' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--cm-fg)' },
  '.cm-gutters': { backgroundColor: 'var(--cm-gutter-bg)', color: 'var(--cm-gutter-fg)', borderRight: '1px solid var(--cm-gutter-edge)' },
  '.cm-activeLine': { backgroundColor: 'var(--cm-active)' },
  '&.cm-focused': { outline: '2px solid var(--cm-focus)', outlineOffset: '-2px' },
  '.cm-error-line': { backgroundColor: 'var(--cm-error-bg)' },
  '.cm-error-mark': { textDecoration: 'underline wavy var(--cm-error)', textDecorationThickness: '1.5px', textUnderlineOffset: '3px' },
});

export interface TemplateEditorProps {
  value: string;
  onChange: (value: string) => void;
  error: EditorError | null;
  label: string;
}

/**
 * CodeMirror 6 with Jinja highlighting; errors are drawn at their line and column. The legacy jinja2 stream mode
 * is used rather than @codemirror/lang-jinja, which pulls in the HTML, CSS and JavaScript grammars (+72 KB gzip).
 */
export function TemplateEditor({ value, onChange, error, label }: TemplateEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      history(),
      drawSelection(),
      highlightActiveLine(),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      StreamLanguage.define(jinja2),
      syntaxHighlighting(highlight),
      EditorView.lineWrapping,
      errorField,
      theme,
      EditorView.contentAttributes.of({ 'aria-label': label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChangeRef.current(u.state.doc.toString());
      }),
    ];
    const v = new EditorView({ parent: host.current!, state: EditorState.create({ doc: value, extensions }) });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; value and error are pushed in by the effects below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: setError.of(error) });
  }, [error]);

  return <div ref={host} className="chat-editor h-full min-h-64 overflow-hidden rounded-lg border border-slate-300 dark:border-slate-700" />;
}
