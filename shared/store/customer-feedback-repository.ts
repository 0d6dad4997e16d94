import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Escalation } from '../domain/escalation.js';
import type { FollowUpTask } from '../domain/follow-up.js';
import { parseEscalationId } from '../domain/escalation.js';
import type { CustomerFeedbackRepository, PageRating, ProblemReport } from '../usecases/ports.js';
import { isConditionFailure, translateStorageError } from './errors.js';
import { escalationItem, followUpItem, pageRatingItem, problemReportItem } from './items.js';

/**
 * The customer page's writes beside the order: each one transaction, each item written only if
 * absent, so a double tap or a retry writes nothing twice (and answers false instead).
 */
export class DynamoCustomerFeedbackRepository implements CustomerFeedbackRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async saveRating(rating: PageRating, escalation: Escalation | null): Promise<boolean> {
    return this.writeOnce([pageRatingItem(rating), ...(escalation ? [this.escalation(escalation)] : [])]);
  }

  async saveProblem(report: ProblemReport, escalation: Escalation, callback: FollowUpTask): Promise<boolean> {
    return this.writeOnce([problemReportItem(report), this.escalation(escalation), followUpItem(callback)]);
  }

  private escalation(escalation: Escalation) {
    return escalationItem(escalation, parseEscalationId(escalation.id)?.seq ?? 0);
  }

  private async writeOnce(items: Record<string, unknown>[]): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: items.map((Item) => ({ Put: { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return translateStorageError(error);
    }
  }
}
