import { FeedSettings } from './FeedSettings';
import { HighlightSettings } from './HighlightSettings';
import { ReadingHistory } from './History';
import { ChangeHistory, WatchList } from './Tracking';
import { TrackingSettings } from './TrackingSettings';
import { UserData } from './UserData';

export function Options() {
  return (
    <>
      <h1>Fineprint settings</h1>
      <p>
        <a href="/compare.html">Compare AI platforms</a>
      </p>
      <WatchList />
      <ChangeHistory />
      <TrackingSettings />
      <ReadingHistory />
      <FeedSettings />
      <HighlightSettings />
      <UserData />
    </>
  );
}
