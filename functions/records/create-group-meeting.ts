import { createGroupMeetingRoute } from '../../shared/api/routes/records';
import { apiHandler } from '../../shared/http/handler';
import { createGroupMeeting } from '../../shared/services/records';

export const handler = apiHandler(createGroupMeetingRoute, createGroupMeeting);
