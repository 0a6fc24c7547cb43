/** RFC 9457 problem details, as every error of the API is answered. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export interface PageMeta {
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

export interface Paginated<T> {
  data: T[];
  meta: PageMeta;
}

export const PAGE_SIZE_DEFAULT = 25;
export const PAGE_SIZE_MAX = 100;
/** The highest page a list accepts (beyond is a 400): deep offsets only cost the database. */
export const PAGE_MAX = 1_000_000;

export const API_BASE_PATH = '/api/v1';
export const REFRESH_COOKIE_NAME = 'hh_refresh';
/** The refresh cookie is scoped to the auth routes so that it never travels with other requests. */
export const REFRESH_COOKIE_PATH = `${API_BASE_PATH}/auth`;
/** Prefix that marks an API key presented as a Bearer token. */
export const API_KEY_PREFIX = 'hh_';
