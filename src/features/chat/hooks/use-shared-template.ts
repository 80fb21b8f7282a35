import { useEffect } from 'react';
import { decodeTemplate, TEMPLATE_PARAM } from '../share';
import { templateKey, useChatStore } from '../store';

/**
 * `?template=<deflate+base64url>` from a share link becomes the edited template of the tokenizer in the link,
 * then leaves the address bar, so a reload does not overwrite later edits with the link's version.
 */
export function useSharedTemplate(tokenizerId: string): void {
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const encoded = params.get(TEMPLATE_PARAM);
    if (!encoded) return;
    params.delete(TEMPLATE_PARAM);
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
    decodeTemplate(encoded).then(
      (template) => {
        const s = useChatStore.getState();
        s.setEdit(templateKey(tokenizerId, s.templateName), template);
        s.setTab('studio');
      },
      () => {
        // A mangled link: nothing to apply; the original template shows.
      },
    );
    // Only on open: the link's tokenizer is the one in use then.
  }, []);
}
