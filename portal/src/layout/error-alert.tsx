import { errorIssues, errorText } from '../api/error-text.ts';

/**
 * A failed call, said plainly: the API's message, or for invalid input each field's problem,
 * named as the form names the field.
 */
export function ErrorAlert(props: {
  error: unknown;
  fieldLabel?: (path: string) => string;
  testId?: string;
}) {
  const issues = errorIssues(props.error, props.fieldLabel);
  return (
    <div role="alert" className="error" data-testid={props.testId}>
      {issues.length > 0 ? (
        <>
          <p>Not saved. Fix these and save again:</p>
          <ul className="issues">
            {issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{errorText(props.error)}</p>
      )}
    </div>
  );
}
