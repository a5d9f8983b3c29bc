import type { Order } from '@ticketing/reservation-domain';
import { assertKeySegment } from './input-checks';
import { orderItem } from './order-item.codec';
import type { TransactionWrite } from './transaction-write';

/**
 * Put of a new order; fails its condition if the order id exists already. Belongs in the
 * confirmation transaction, next to the reservation's HOLD → CONFIRMED transition: a reservation
 * is confirmed if and only if its order exists.
 */
export function createOrderWrite(ordersTable: string, order: Order): TransactionWrite {
  assertKeySegment('order.orderId', order.orderId);
  return {
    Put: {
      TableName: ordersTable,
      Item: orderItem(order),
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}
