import type { components, paths } from './schema';

// Named shapes of the API for pages to use; all derived from the generated schema, so a change in
// the gateway shows up here as a type error, never as a silent mismatch.

type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;
/** The JSON body of an operation's success response. */
export type ResponseOf<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch' | 'delete'> = paths[P][M] extends {
  responses: infer R;
}
  ? JsonBody<R[200 & keyof R]> | JsonBody<R[201 & keyof R]>
  : never;
/** The query parameters of an operation. */
export type QueryOf<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch' | 'delete'> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;
/** The JSON request body of an operation. */
export type BodyOf<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type UnitNode = components['schemas']['UnitNode'];
export type UnitLevel = UnitNode['level'];

export type ProjectPage = ResponseOf<'/api/v1/projects', 'get'>;
export type Project = ProjectPage['items'][number];
export type ProjectQuery = QueryOf<'/api/v1/projects', 'get'>;
export type ProjectInput = BodyOf<'/api/v1/projects', 'post'>;
export type ProjectStage = Project['stage'];
export type ProjectCategory = Project['category'];
export type ProjectSource = Project['sources'][number];

// 满意度测评 (evaluations)
export type EvaluationPage = ResponseOf<'/api/v1/evaluations', 'get'>;
export type Evaluation = EvaluationPage['items'][number];
export type EvaluationStatus = Evaluation['status'];
export type EvaluationRule = Evaluation['rule'];
export type EvaluationInput = BodyOf<'/api/v1/evaluations', 'post'>;
export type EvaluationResult = ResponseOf<'/api/v1/evaluations/{id}/result', 'get'>;
export type EvaluationGrade = EvaluationResult['grade'];
export type EvaluationCounts = EvaluationResult['counts'];
export type EvaluationProgress = ResponseOf<'/api/v1/evaluations/{id}/progress', 'get'>;
export type EvaluationRosterEntry = ResponseOf<'/api/v1/evaluations/{id}/roster', 'get'>['items'][number];
export type EvaluationStats = ResponseOf<'/api/v1/evaluations/stats', 'get'>;
export type PaperResultInput = BodyOf<'/api/v1/evaluations/{id}/paper-result', 'post'>;
export type PostponeInput = BodyOf<'/api/v1/evaluations/{id}/postpone', 'post'>;

/** A project with what is derived from its schedule (progress, health) and its legal next stages. */
export type ProjectDetail = ResponseOf<'/api/v1/projects/{id}', 'get'>;
export type Plan = ResponseOf<'/api/v1/plans/{unit}/{year}', 'get'>;
export type BattleMap = ResponseOf<'/api/v1/battle-map', 'get'>;

// 账号管理 (accounts at the identity provider, issue 12)
export type PersonAccountPage = ResponseOf<'/api/v1/units/{code}/accounts', 'get'>;
export type PersonAccount = PersonAccountPage['items'][number];
/** Where an account stands; null (no account ever asked for) is shown as 未开通. */
export type AccountState = NonNullable<PersonAccount['state']>;
/** The initial or reset password: shown once, kept nowhere. */
export type IssuedPassword = ResponseOf<'/api/v1/units/{code}/accounts/{personId}/initial-password', 'post'>;
export type Person = ResponseOf<'/api/v1/units/{code}/people', 'get'>['items'][number];
export type PersonRole = Person['roles'][number];
export type RosterMemberInput = BodyOf<'/api/v1/units/{code}/roster', 'post'>;
export type LiaisonInput = BodyOf<'/api/v1/units/{code}/bodies/{bodyId}/liaisons', 'post'>;
