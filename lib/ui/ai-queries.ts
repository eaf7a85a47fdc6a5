import { queryOptions } from '@tanstack/react-query';
import { askBackground } from '../messaging/client';
import { queryKeys } from './queries';

// Keys sit under `queryKeys.all`, so the feed-updated broadcast (which invalidates everything
// under it) refreshes the compare and platform pages too.
export const aiQueryKeys = {
  aiPlatforms: () => [...queryKeys.all, 'ai-platforms'] as const,
  platform: (platformId: string) => [...queryKeys.all, 'platform', platformId] as const,
};

export const aiPlatformsQuery = () =>
  queryOptions({
    queryKey: aiQueryKeys.aiPlatforms(),
    queryFn: () => askBackground({ type: 'ai/platforms' }),
  });

export const platformQuery = (platformId: string) =>
  queryOptions({
    queryKey: aiQueryKeys.platform(platformId),
    queryFn: () => askBackground({ type: 'platform/get', platformId }),
  });
