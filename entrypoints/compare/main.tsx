import '@/components/common/styles.css';
import { ComparePage } from '@/components/ai/ComparePage';
import { mountApp } from '@/components/common/QueryRoot';

mountApp(<ComparePage />);
