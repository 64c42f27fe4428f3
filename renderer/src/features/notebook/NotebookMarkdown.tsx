import Markdown, { type Components } from 'react-markdown';
import { parseReference, type Reference } from './references';

interface Props {
  text: string;
  onReference: (ref: Reference) => void;
}

/**
 * Renders the notebook's markdown with no raw HTML (skipped), no images (their alt text is
 * shown), and links only to in-app references: any other URL is dropped by urlTransform
 * and its text shown plain, so nothing in a notebook can run script or load a remote URL.
 */
export function NotebookMarkdown({ text, onReference }: Props) {
  const components: Components = {
    a: ({ href, children }) => {
      const ref = parseReference(href);
      if (!ref) return <span className="plain-link">{children}</span>;
      return (
        <button type="button" className={`link ref ref-${ref.kind}`} data-testid="notebook-ref" onClick={() => onReference(ref)} title={describe(ref)}>
          {children}
        </button>
      );
    },
    img: ({ alt }) => <span className="muted">[image: {alt ?? ''}]</span>,
  };
  return (
    <div className="markdown" data-testid="notebook-rendered">
      <Markdown skipHtml urlTransform={keepReferences} components={components}>
        {text}
      </Markdown>
    </div>
  );
}

/** Every URL except in-app references becomes empty before rendering. */
function keepReferences(url: string): string {
  return parseReference(url) ? url : '';
}

function describe(ref: Reference): string {
  if (ref.kind === 'event') return `Open event #${ref.id}`;
  if (ref.kind === 'saved') return `Run saved search #${ref.id}`;
  return `Search: ${ref.query}`;
}

