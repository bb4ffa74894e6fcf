import { useParams } from 'react-router';
import { ProblemWorkspace } from './components/ProblemWorkspace';

/** 问题详情: the problem, its record, evidence, close-out verification, extensions and look-backs (staff and leaders). */
export default function ProblemDetailPage() {
  const { id = '' } = useParams();
  return <ProblemWorkspace key={id} id={id} mode="staff" />;
}
