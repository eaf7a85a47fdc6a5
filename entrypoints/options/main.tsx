import '@/components/common/styles.css';
import { mountApp } from '@/components/common/QueryRoot';
import { Options } from '@/components/options/Options';

mountApp(<Options />);
