// Event: a refetchable fragment of its fields, and one pagination
// fragment (refetchable, with @connection) for each of its lists.
import { graphql } from 'relay-runtime';

export const event = graphql`
  fragment Event_event on Event @refetchable(queryName: "EventRefetchQuery") {
    id
    kind
    label
    startedOn { date precision text }
    endedOn { date precision text }
    places { id name }
    participants { entity { __typename id name } role }
    quantities { measure value qualifier evidence { start end excerpt confidence curated } }
    evidence { source { id title } start end excerpt confidence curated }
    createdAt
    updatedAt
    version
  }
`;
