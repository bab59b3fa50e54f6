package org.eventscim.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ElasticsearchConfiguration {

    /** Uses the application's Jackson configuration, so documents keep ISO-8601 instants and SCIM JSON as is. */
    @Bean(destroyMethod = "close")
    ElasticsearchClient elasticsearchClient(ReadModelProperties properties, ObjectMapper json) {
        return ElasticsearchClient.of(config -> config
                .host(properties.url())
                .jsonMapper(new JacksonJsonpMapper(json.copy())));
    }
}
