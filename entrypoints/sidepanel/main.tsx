import '@/components/common/styles.css';
import { mountApp } from '@/components/common/QueryRoot';
import { SidePanel } from '@/components/sidepanel/SidePanel';

mountApp(<SidePanel />);
