import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client.ts';
import { BarChart } from '../../ui/bar-chart.tsx';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { formatWhen } from './time.ts';

interface Attendance {
  members: number;
  meetings: {
    meetingId: string;
    occurrence: string;
    startsAt: string;
    cancelled: boolean;
    present: number;
  }[];
}

/** How many came to each past meeting: all those who run a cohort see of a set. */
export function SetAttendance({ setId }: { setId: string }) {
  const { timezone } = useCurrentPerson();
  const attendance = useQuery({
    queryKey: ['set', setId, 'attendance'],
    queryFn: () => apiGet<Attendance>(`/api/sets/${encodeURIComponent(setId)}/attendance`),
  });
  if (attendance.isPending) return null;
  if (attendance.error) return <p role="alert">Attendance could not be loaded.</p>;
  const held = attendance.data.meetings.filter((m) => !m.cancelled);
  return (
    <section className="section" aria-labelledby="set-attendance">
      <h2 id="set-attendance" className="section__title">
        Attendance
      </h2>
      {held.length === 0 ? (
        <p className="muted">
          No meetings have taken place yet. Check-ins at each meeting are counted here.
        </p>
      ) : (
        <BarChart
          caption="Attendance at past meetings"
          max={attendance.data.members}
          bars={held.map((m) => ({
            key: `${m.meetingId}|${m.occurrence}`,
            label: formatWhen(m.startsAt, timezone),
            value: m.present,
            valueText: `${m.present} of ${attendance.data.members} checked in`,
          }))}
        />
      )}
    </section>
  );
}
