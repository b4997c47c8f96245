// Statement: a refetchable fragment of its fields, and one pagination
// fragment (refetchable, with @connection) for each of its lists.
import { graphql } from 'relay-runtime';

export const statement = graphql`
  fragment Statement_statement on Statement @refetchable(queryName: "StatementRefetchQuery") {
    id
    text
    kind
    speaker { __typename id name }
    speakerRole { id title }
    saidOn { date precision text }
    place { id name }
    audience
    audienceEntity { __typename id name }
    about { issue { id name } stance }
    mentions { __typename id name }
    evidence { source { id title } start end excerpt confidence curated }
    createdAt
    updatedAt
    version
  }
`;
