// The Lexical node types a message may contain. One list, used by the editor, the headless
// editor of the main process and the command line tool, so that every side reads the same model.
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { LinkNode } from '@lexical/link';
import { HorizontalRuleNode } from '@lexical/extension';
import {
  $applyNodeReplacement,
  DecoratorNode,
  ElementNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type EditorConfig,
  type Klass,
  type LexicalNode,
} from 'lexical';
import { SuggestionNode } from './suggestion-node';

/** A forced page break in printed copies; shown as a dashed rule in the editor. */
export class PageBreakNode extends DecoratorNode<null> {
  override $config() {
    return this.config('page-break', {
      extends: DecoratorNode,
      importDOM: {
        div: (el: HTMLElement) =>
          el.getAttribute('data-signet') === 'page-break'
            ? { conversion: () => ({ node: $createPageBreakNode() }), priority: 2 }
            : null,
      } satisfies DOMConversionMap,
    });
  }
  override createDOM(): HTMLElement {
    const el = document.createElement('div');
    el.className = 'page-break';
    el.setAttribute('role', 'separator');
    el.setAttribute('aria-label', 'Page break');
    el.contentEditable = 'false';
    return el;
  }
  override updateDOM(): false {
    return false;
  }
  override exportDOM(): DOMExportOutput {
    const el = document.createElement('div');
    el.setAttribute('data-signet', 'page-break');
    el.style.breakAfter = 'page';
    return { element: el };
  }
  override isInline(): false {
    return false;
  }
  override getTextContent(): string {
    return '\n';
  }
  override decorate(): null {
    return null;
  }
}

export function $createPageBreakNode(): PageBreakNode {
  return $applyNodeReplacement(new PageBreakNode());
}

/**
 * The signature block: closing line, signatory's name, titles, place and date, one paragraph
 * each. It is a single block so that it stays together on the page and exports as one unit.
 */
export class SignatureNode extends ElementNode {
  override $config() {
    return this.config('signature', {
      extends: ElementNode,
      importDOM: {
        div: (el: HTMLElement) =>
          el.getAttribute('data-signet') === 'signature'
            ? { conversion: () => ({ node: $createSignatureNode() }), priority: 2 }
            : null,
      } satisfies DOMConversionMap,
    });
  }
  override createDOM(config: EditorConfig): HTMLElement {
    const el = document.createElement('div');
    el.className = config.theme.signature ?? 'signature';
    el.setAttribute('aria-label', 'Signature block');
    return el;
  }
  override updateDOM(): false {
    return false;
  }
  override exportDOM(): DOMExportOutput {
    const el = document.createElement('div');
    el.setAttribute('data-signet', 'signature');
    el.style.breakInside = 'avoid';
    return { element: el };
  }
  override isShadowRoot(): boolean {
    return false;
  }
  override canBeEmpty(): false {
    return false;
  }
}

export function $createSignatureNode(): SignatureNode {
  return $applyNodeReplacement(new SignatureNode());
}

export function $isSignatureNode(node: LexicalNode | null | undefined): node is SignatureNode {
  return node instanceof SignatureNode;
}

export const MESSAGE_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  HorizontalRuleNode,
  PageBreakNode,
  SignatureNode,
  SuggestionNode,
];
