/**
 * The frame every admin list page shares (Users, Numbers, Requests, Activity): the filter card, the results
 * area, and the problem banner of a refused action (the list's own progress and problem are hh-list-status).
 * The page grid and its intro are the global .page and .page-intro (styles.scss). Pages add only what differs.
 */
export const ADMIN_LIST_PAGE_STYLES = `
  .filters-card {
    padding: 1rem 1.25rem;
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 0.75rem;
    align-items: center;
  }
  .results {
    position: relative;
    overflow: hidden;
    padding: 0.25rem 0.5rem 0;
  }
  .problem {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    padding: 1rem 1rem 0;
  }
  .problem hh-form-error-banner {
    flex: 1;
  }
`;
