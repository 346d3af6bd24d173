import { REST_ROUTES } from '../../../local/zoom-emulator/rest';
import { matchRoute, percentDecode, routerPath } from '../../../local/zoom-emulator/zoom-path';

function participantsId(rawPath: string): string | undefined {
  const match = matchRoute(REST_ROUTES, routerPath(rawPath));

  if (match?.name !== 'reportMeetingParticipants') return undefined;

  return match.params[0];
}

describe('Zoom router path decoding', () => {
  it.each([
    ['/Zk3fQx9TbWm1aB7cD2eFg==', '%252FZk3fQx9TbWm1aB7cD2eFg%253D%253D'],
    ['Ab//Cd9xYz0PqRsTuVwXyA==', 'Ab%252F%252FCd9xYz0PqRsTuVwXyA%253D%253D'],
    ['aQ7+tLm2Rk6Yv0Wb/3NcJg==', 'aQ7%2BtLm2Rk6Yv0Wb%2F3NcJg%3D%3D'],
    ['Hq2LmNo5Pq8RsTu1VwXyZw==', 'Hq2LmNo5Pq8RsTu1VwXyZw%3D%3D'],
  ])('recovers %s from its correct encoding', (uuid, segment) => {
    expect(participantsId(`/v2/report/meetings/${segment}/participants`)).toBe(uuid);
  });

  it('loses a leading slash sent unencoded', () => {
    expect(participantsId('/v2/report/meetings//Zk3fQx9TbWm1aB7cD2eFg==/participants')).toBe('Zk3fQx9TbWm1aB7cD2eFg==');
  });

  it('loses a leading slash encoded once', () => {
    expect(participantsId('/v2/report/meetings/%2FZk3fQx9TbWm1aB7cD2eFg%3D%3D/participants')).toBe(
      'Zk3fQx9TbWm1aB7cD2eFg==',
    );
  });

  it('collapses an inner double slash encoded once', () => {
    expect(participantsId('/v2/report/meetings/Ab%2F%2FCd9xYz0PqRsTuVwXyA%3D%3D/participants')).toBe(
      'Ab/Cd9xYz0PqRsTuVwXyA==',
    );
  });

  it('keeps a plus sign as a plus sign', () => {
    expect(percentDecode('a+b%2Bc')).toBe('a+b+c');
  });

  it('leaves invalid escapes as they are', () => {
    expect(percentDecode('ab%zz%3D')).toBe('ab%zz=');
  });

  it('matches participants before the detail route', () => {
    const match = matchRoute(REST_ROUTES, routerPath('/v2/past_meetings/aQ7%2BtLm2Rk6Yv0Wb%2F3NcJg%3D%3D/participants'));

    expect(match?.name).toBe('pastMeetingParticipants');
    expect(match?.params[0]).toBe('aQ7+tLm2Rk6Yv0Wb/3NcJg==');
  });

  it('matches a detail UUID with a single slash', () => {
    const match = matchRoute(REST_ROUTES, routerPath('/v2/past_meetings/aQ7%2BtLm2Rk6Yv0Wb%2F3NcJg%3D%3D'));

    expect(match?.name).toBe('pastMeetingDetails');
    expect(match?.params[0]).toBe('aQ7+tLm2Rk6Yv0Wb/3NcJg==');
  });
});
