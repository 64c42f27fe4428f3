/** An error sentence for the user; rendered as text only. */
export function ErrorMessage({ text, testId }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}
