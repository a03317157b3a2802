import { createComparisonRoute } from '../../shared/api/routes/comparisons';
import { apiHandler } from '../../shared/http/handler';
import { createComparison } from '../../shared/services/comparisons';

export const handler = apiHandler(createComparisonRoute, createComparison);
