import { apiHandler } from '../../shared/http';
import { createGroupMeeting } from '../../shared/services/records';

export const handler = apiHandler(createGroupMeeting);
