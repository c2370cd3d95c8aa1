-- CreateEnum
CREATE TYPE "AttemptStatus" AS ENUM ('running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "GateStatus" AS ENUM ('passed', 'failed', 'skipped');

-- AlterEnum
ALTER TYPE "WaveStatus" ADD VALUE 'gating';

-- AlterEnum
ALTER TYPE "StoryStatus" ADD VALUE 'waiting_for_human';

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "config" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Wave" ADD COLUMN     "gates" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Step" ADD COLUMN     "budget" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "AttemptStatus" NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,
    "result" JSONB,
    "outputTail" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateResult" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "waveId" TEXT,
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "GateStatus" NOT NULL,
    "command" TEXT NOT NULL,
    "exitCode" INTEGER,
    "durationMs" INTEGER,
    "outputTail" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GateResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Attempt_stepId_number_key" ON "Attempt"("stepId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "GateResult_runId_scope_waveId_name_key" ON "GateResult"("runId", "scope", "waveId", "name");

-- AddForeignKey
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "Step"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GateResult" ADD CONSTRAINT "GateResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GateResult" ADD CONSTRAINT "GateResult_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "Wave"("id") ON DELETE CASCADE ON UPDATE CASCADE;

