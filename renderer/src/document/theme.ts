import type { EditorThemeClasses } from 'lexical';

export const editorTheme: EditorThemeClasses = {
  paragraph: 'p',
  heading: { h1: 'h1', h2: 'h2', h3: 'h3' },
  quote: 'quote',
  list: {
    ul: 'ul',
    ol: 'ol',
    listitem: 'li',
    nested: { listitem: 'li-nested' },
  },
  link: 'link',
  hr: 'hr',
  signature: 'signature',
  suggestion: { base: 'suggestion', insert: 'suggestion-insert', delete: 'suggestion-delete', format: 'suggestion-format' },
  text: {
    bold: 'b',
    italic: 'i',
    underline: 'u',
    strikethrough: 's',
    underlineStrikethrough: 'us',
  },
};
