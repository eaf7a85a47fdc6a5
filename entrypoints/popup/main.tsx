import '@/components/common/styles.css';
import { mountApp } from '@/components/common/QueryRoot';
import { Popup } from '@/components/popup/Popup';

mountApp(<Popup />);
