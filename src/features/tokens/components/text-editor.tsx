import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { Annotation, EditorState, type ChangeSet, type Extension, type Text } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import type { TextEdit } from '../../../core/text/text-edit';
import { EditedText } from '../../../core/text/edited-text';
import { noteTextEdit } from '../../../lib/text-edits';

/** Texts at least this long are put into the editor in a task of their own. */
const LARGE_TEXT = 100_000;

/** Marks our own replacement of the whole text (a file, a link), which is not the user typing. */
const external = Annotation.define<true>();

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'transparent', color: 'inherit', fontSize: '1rem' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.5', overflow: 'auto' },
  '.cm-content': { caretColor: 'currentColor', padding: '0.75rem 0' },
  '.cm-line': { padding: '0 0.75rem' },
});

/** The editor's changes as one edit: the smallest range covering them all (usually just one). */
function changedRange(changes: ChangeSet, doc: Text): TextEdit {
  let from = Infinity;
  let to = -1;
  let insertFrom = Infinity;
  let insertTo = -1;
  changes.iterChangedRanges((fromA, toA, fromB, toB) => {
    from = Math.min(from, fromA);
    to = Math.max(to, toA);
    insertFrom = Math.min(insertFrom, fromB);
    insertTo = Math.max(insertTo, toB);
  });
  return { from, to, insert: doc.sliceString(insertFrom, insertTo) };
}

export interface TextEditorProps {
  value: string;
  onChange: (text: string) => void;
  /** A file dropped on the editor (text dropped is inserted by the editor itself). */
  onDropFile: (file: File) => void;
  onDragging: (dragging: boolean) => void;
  labelledBy: string;
  describedBy: string;
}

/**
 * The text input: CodeMirror 6, which draws only the lines in view, so a 1 MB text costs a keystroke what a short
 * one does (a <textarea> holding 1 MB takes 54–161 ms per edit in Chromium). Like a textarea it holds LF only: CR LF
 * and lone CR become LF (CodeMirror's default line splitting), while U+2028 and friends stay as they are.
 * The content element carries `data-testid="text-input"`, so Playwright's fill, click and keyboard reach it.
 */
export default function TextEditor({ value, onChange, onDropFile, onDragging, labelledBy, describedBy }: TextEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** The text last sent up (or received); comparing by identity skips re-reading a 1 MB document. */
  const synced = useRef(value);
  /** `synced` as the editor's edits build it (reset whenever the text is replaced from outside). */
  const [edited] = useState(() => new EditedText(value));
  const handlers = useRef({ onChange, onDropFile, onDragging });
  const extensions = useRef<Extension[]>([]);
  handlers.current = { onChange, onDropFile, onDragging };

  useEffect(() => {
    const emit = (text: string) => {
      synced.current = text;
      handlers.current.onChange(text);
    };
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: synced.current,
        extensions: (extensions.current = [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          theme,
          EditorView.contentAttributes.of({ 'data-testid': 'text-input', 'aria-labelledby': labelledBy, 'aria-describedby': describedBy, spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((tr) => tr.annotation(external))) return;
            // The new text from the edit (`EditedText`), not `doc.toString()`: that joins every line of a 1 MB text into
            // a rope of thousands of pieces on each key, which the first reader then has to copy whole.
            const { doc } = update.state;
            const edit = changedRange(update.changes, doc);
            if (edited.text !== synced.current) edited.reset(synced.current);
            const after =
              synced.current.length === update.startState.doc.length
                ? edited.apply(edit.from, edit.to, edit.insert.length, (from, to) => doc.sliceString(from, to))
                : doc.toString();
            noteTextEdit(synced.current, after, edit);
            emit(after);
          }),
          EditorView.domEventHandlers({
            dragover: (event) => {
              if (!event.dataTransfer?.types.includes('Files')) return false;
              event.preventDefault();
              handlers.current.onDragging(true);
              return true;
            },
            dragleave: () => {
              handlers.current.onDragging(false);
              return false;
            },
            drop: (event) => {
              handlers.current.onDragging(false);
              const file = event.dataTransfer?.files[0];
              if (!file) return false;
              event.preventDefault();
              handlers.current.onDropFile(file);
              return true;
            },
          }),
        ]),
      }),
    });
    view.current = editor;
    // A text from a link or storage may hold CR LF: the editor holds LF, and so must the tokens.
    const held = editor.state.doc.toString();
    if (held !== synced.current) emit(held);
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [labelledBy, describedBy]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || value === synced.current) return;
    const replace = () => {
      // A large text (a file) replaces the editor state rather than being a change in it: a whole-document change of
      // 1 MB was a 50–60 ms task of its own, a fresh state is well under 50 ms. Undo history does not reach back past it.
      if (value.length >= LARGE_TEXT) editor.setState(EditorState.create({ doc: value, extensions: extensions.current }));
      else editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value }, annotations: external.of(true) });
      synced.current = value;
      const held = editor.state.doc.toString();
      if (held !== value) {
        synced.current = held;
        handlers.current.onChange(held);
      }
    };
    if (value.length < LARGE_TEXT) {
      replace();
      return;
    }
    // A large text (a file) goes into the editor in a task of its own, not in the one that rendered the page for it:
    // each is tens of ms on 1 MB, together they were one long task.
    const timer = setTimeout(replace, 0);
    return () => clearTimeout(timer);
  }, [value]);

  return <div ref={host} className="h-full" />;
}
