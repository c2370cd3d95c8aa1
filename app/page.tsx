import { RunsList } from "@/components/runs/runs-list";
import { UploadPanel } from "@/components/specs/upload-panel";

export default function DashboardPage() {
  return (
    <div className="space-y-8">
      <UploadPanel />
      <RunsList />
    </div>
  );
}
