// Enter on an empty last line of the signature block leaves the block, as it does in a list or a
// quote, so that text can follow a signature.
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createParagraphNode, $getSelection, $isParagraphNode, $isRangeSelection, COMMAND_PRIORITY_HIGH, INSERT_PARAGRAPH_COMMAND } from 'lexical';
import { $isSignatureNode } from '../../../shared/document';

export function SignaturePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        INSERT_PARAGRAPH_COMMAND,
        () => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
          const line = selection.anchor.getNode();
          const block = line.getParent();
          if (!$isParagraphNode(line) || !$isSignatureNode(block) || line.getTextContentSize() > 0 || block.getLastChild() !== line) return false;
          if (block.getChildrenSize() === 1) return false;
          const after = $createParagraphNode();
          block.insertAfter(after);
          line.remove();
          after.select();
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}
