import { errorIssues, errorText } from '../api/error-text.ts';

/** A failed call, said plainly: the API's message and, for invalid input, each field's problem. */
export function ErrorAlert(props: { error: unknown; testId?: string }) {
  const issues = errorIssues(props.error);
  return (
    <div role="alert" className="error" data-testid={props.testId}>
      <p>{errorText(props.error)}</p>
      {issues.length > 0 ? (
        <ul className="issues">
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
