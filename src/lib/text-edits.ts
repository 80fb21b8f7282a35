/**
 * The editor's own record of its edits, so the worker client and the row layout get "what changed" without comparing
 * two megabytes (1–4 ms a keystroke). A hint only: when the editor's edits do not lead from one text to the other
 * (a file was loaded, a link opened), the edit is found by comparing the texts.
 */
import { composeEdits, diffText, type TextEdit } from '../core/text/text-edit';

interface Link {
  before: string;
  after: string;
  edit: TextEdit;
}

/** Recent edits, oldest first. Readers ask about the last few, so a short memory is enough. */
const links: Link[] = [];
const REMEMBERED = 8;

export function noteTextEdit(before: string, after: string, edit: TextEdit): void {
  links.push({ before, after, edit });
  if (links.length > REMEMBERED) links.shift();
}

/** The edit that turns `before` into `after`. */
export function textEditBetween(before: string, after: string): TextEdit {
  // Newest first; the strings are usually the very objects noted, so these comparisons are pointer checks.
  for (let i = links.length - 1; i >= 0; i--) {
    if (links[i]!.after !== after) continue;
    let edit = links[i]!.edit;
    let from = links[i]!.before;
    for (let j = i - 1; from !== before && j >= 0; j--) {
      if (links[j]!.after !== from) return diffText(before, after);
      edit = composeEdits(links[j]!.edit, edit, after);
      from = links[j]!.before;
    }
    if (from === before) return edit;
    break;
  }
  return diffText(before, after);
}
