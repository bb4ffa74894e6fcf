import { useParams } from 'react-router';
import { ProblemWorkspace } from '../problems/components/ProblemWorkspace';

/** 问题办理 in the portal: a liaison reports progress, asks to close the problem or for more time (the lead body only). */
export default function PortalProblemPage() {
  const { id = '' } = useParams();
  return <ProblemWorkspace key={id} id={id} mode="portal" />;
}
