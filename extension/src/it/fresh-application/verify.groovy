// The WAR of the fresh application carries jwtauth and the libraries it imports, and none of the provided APIs.
import java.util.zip.ZipFile

def war = new File(basedir, 'target/notes-1.0.war')
assert war.isFile() : "the fresh application was not packaged: ${war}"
def libs = new ZipFile(war).withCloseable { zip ->
    zip.entries().toList()*.name.findAll { it.startsWith('WEB-INF/lib/') }*.substring('WEB-INF/lib/'.length())
}
['jwtauth-', 'smallrye-jwt-', 'jose4j-', 'microprofile-jwt-auth-api-'].each { prefix ->
    assert libs.any { it.startsWith(prefix) } : "WEB-INF/lib has no ${prefix}*.jar: ${libs}"
}
['jakarta.jakartaee-api-', 'microprofile-config-api-'].each { prefix ->
    assert !libs.any { it.startsWith(prefix) } : "WEB-INF/lib carries the provided ${prefix}*.jar: ${libs}"
}
assert new ZipFile(war).withCloseable { it.getEntry('WEB-INF/classes/dev/jwtauth/sample/it/consumer/Notes.class') != null }
return true
