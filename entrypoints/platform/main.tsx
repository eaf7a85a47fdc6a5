import '@/components/common/styles.css';
import { mountApp } from '@/components/common/QueryRoot';
import { PlatformPage } from '@/components/platform/PlatformPage';

mountApp(<PlatformPage search={window.location.search} />);
