// FinancialMeasure: a refetchable fragment of its fields, and one pagination
// fragment (refetchable, with @connection) for each of its lists.
import { graphql } from 'relay-runtime';

export const financialMeasure = graphql`
  fragment FinancialMeasure_financialMeasure on FinancialMeasure @refetchable(queryName: "FinancialMeasureRefetchQuery") {
    id
    label
    kind
    amount
    currency
    amountQualifier
    status
    term
    share { numerator denominator fraction of }
    provider { __typename id name }
    recipient { __typename id name }
    securedAgainst { entity { __typename id name } issue { id name } qualifier }
    issues { id name }
    announcedOn { date precision text }
    evidence { source { id title } start end excerpt confidence curated }
    createdAt
    updatedAt
    version
  }
`;
